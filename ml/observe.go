package ml

import (
	"fmt"
	"io"
)

// StepLog is what Fit reports after each optimiser step.
type StepLog struct {
	Epoch     int     // 1-based epoch
	Epochs    int     // epochs planned (early stopping may end sooner)
	Step      int     // optimiser steps so far, over all epochs
	Rows      int     // rows of this epoch visited so far
	TotalRows int     // rows per epoch
	Loss      float64 // this batch's mean loss
	MeanLoss  float64 // mean batch loss of the epoch so far
	// WallSeconds is the time since Fit began.
	WallSeconds float64
}

// Fraction is the share of the planned training done, in [0, 1].
func (s StepLog) Fraction() float64 {
	if s.Epochs == 0 || s.TotalRows == 0 {
		return 0
	}
	return min((float64(s.Epoch-1)+float64(s.Rows)/float64(s.TotalRows))/float64(s.Epochs), 1)
}

// Headline formats the epoch's main metrics — losses, accuracy and AUC for
// classification, RMSE and R² for regression, with their val_ twins — as
// "loss=0.4123 accuracy=0.8312 …" (scalars.jsonl and History have them all).
func (l EpochLog) Headline() string {
	out := Metrics{}
	for _, name := range []string{"loss", "accuracy", "auc", "rmse", "r2"} {
		for _, key := range []string{name, "val_" + name} {
			if v, ok := l.Metrics[key]; ok {
				out[key] = v
			}
		}
	}
	return formatMetrics(out)
}

// Observer watches training: Fit calls Step after every optimiser step,
// Epoch after every epoch (with its metrics) and End once when training
// ends, with the history — all on Fit's goroutine, so a slow observer slows
// training. Progress displays, live charts and event-file writers are
// observers; ml itself displays nothing.
type Observer interface {
	Step(StepLog)
	Epoch(EpochLog)
	End(*History)
}

// ObserverFuncs is an Observer made of functions; nil ones are skipped.
type ObserverFuncs struct {
	OnStep  func(StepLog)
	OnEpoch func(EpochLog)
	OnEnd   func(*History)
}

func (f ObserverFuncs) Step(s StepLog) {
	if f.OnStep != nil {
		f.OnStep(s)
	}
}

func (f ObserverFuncs) Epoch(e EpochLog) {
	if f.OnEpoch != nil {
		f.OnEpoch(e)
	}
}

func (f ObserverFuncs) End(h *History) {
	if f.OnEnd != nil {
		f.OnEnd(h)
	}
}

// Observers returns an Observer that passes every event to each of obs in
// order (nil ones skipped).
func Observers(obs ...Observer) Observer { return observers(obs) }

type observers []Observer

func (o observers) Step(s StepLog) {
	for _, x := range o {
		if x != nil {
			x.Step(s)
		}
	}
}

func (o observers) Epoch(e EpochLog) {
	for _, x := range o {
		if x != nil {
			x.Epoch(e)
		}
	}
}

func (o observers) End(h *History) {
	for _, x := range o {
		if x != nil {
			x.End(h)
		}
	}
}

// ProgressLines is the terminal's Observer: one line per epoch on w,
//
//	epoch 3/10  loss=0.4123 accuracy=0.8312 val_loss=0.4410  (1.2s)
//
// and a last line when training stopped early.
func ProgressLines(w io.Writer) Observer {
	p := &lines{w: w}
	return ObserverFuncs{
		OnStep: func(s StepLog) { p.epochs = s.Epochs },
		OnEpoch: func(e EpochLog) {
			fmt.Fprintf(p.w, "epoch %d/%d  %s  (%.1fs)\n", e.Epoch, p.epochs, e.Headline(), e.WallSeconds)
		},
		OnEnd: func(h *History) {
			if h.StoppedEarly {
				fmt.Fprintf(p.w, "stopped early after epoch %d\n", len(h.Epochs))
			}
		},
	}
}

type lines struct {
	w      io.Writer
	epochs int
}
