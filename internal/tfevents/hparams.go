package tfevents

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// Tags of the HParams plugin's summaries (tensorboard/plugins/hparams/metadata.py).
const (
	TagExperiment       = "_hparams_/experiment"
	TagSessionStartInfo = "_hparams_/session_start_info"
	TagSessionEndInfo   = "_hparams_/session_end_info"
)

// HParamsSession describes one training session for TensorBoard's HParams
// tab: its hyperparameters and the metrics to compare sessions by.
//
// TensorBoard names a session after the run (directory) whose event file
// holds its session_start_info, and reads metric Tag of group G as the last
// value of scalar Tag in the run's subdirectory G. With the Keras layout the
// session lives in <run>/, Groups is {"train", "validation"} and Metrics is
// {"epoch_loss", "epoch_accuracy"}.
type HParamsSession struct {
	// Name is the session group: sessions with the same Name (for example
	// repeats with different seeds) form one row. Empty: the run alone.
	Name string
	// HParams are the hyperparameters: string, bool or numbers (any Go
	// integer or floating-point type; TensorBoard stores them as float64).
	HParams map[string]any
	// Metrics are the scalar tags to show, such as "epoch_loss".
	Metrics []string
	// Groups are the subdirectories of the session's run that hold the
	// metrics, such as "train" and "validation"; every metric is listed for
	// every group. Empty: the metrics are in the session's own run.
	Groups []string
	// Start is when the session started; zero means now.
	Start time.Time
}

// SessionStatus is how a session ended (SessionEndInfo.status).
type SessionStatus int

// The session statuses of the HParams plugin's api.proto.
const (
	StatusUnknown SessionStatus = iota
	StatusSuccess
	StatusFailure
	StatusRunning
)

// String returns the status as TensorBoard's api.proto names it.
func (s SessionStatus) String() string {
	switch s {
	case StatusUnknown:
		return "STATUS_UNKNOWN"
	case StatusSuccess:
		return "STATUS_SUCCESS"
	case StatusFailure:
		return "STATUS_FAILURE"
	case StatusRunning:
		return "STATUS_RUNNING"
	}
	return fmt.Sprintf("SessionStatus(%d)", int(s))
}

// HParams writes the session's experiment (hparam and metric infos) and its
// session_start_info, so that TensorBoard's HParams tab lists the session
// with its hyperparameters and metrics. TensorBoard takes the experiment from
// the first run it finds one in, so the sessions of one log directory should
// share their hyperparameter names and metrics. Close ends the session with
// StatusSuccess unless EndHParams ended it before.
func (w *Writer) HParams(s HParamsSession) error {
	start := unixSeconds(wallOrNow(s.Start))
	names := make([]string, 0, len(s.HParams))
	for k := range s.HParams {
		names = append(names, k)
	}
	slices.Sort(names)
	values := make([]hparamValue, len(names))
	for i, k := range names {
		v, err := toHParamValue(s.HParams[k])
		if err != nil {
			return fmt.Errorf("tfevents: hparam %q: %w", k, err)
		}
		values[i] = v
	}
	groups := s.Groups
	if len(groups) == 0 {
		groups = []string{""}
	}

	var exp pb
	exp.message(2, func(e *pb) {
		e.doubleNZ(3, start)
		for i, k := range names {
			e.message(4, func(hi *pb) {
				hi.string(1, k)
				hi.varint(4, values[i].dataType())
			})
		}
		for _, g := range groups {
			for _, tag := range s.Metrics {
				e.message(5, func(mi *pb) {
					mi.message(1, func(mn *pb) {
						mn.stringNZ(1, g)
						mn.string(2, tag)
					})
					mi.varintNZ(5, datasetType(g))
				})
			}
		}
	})
	var ssi pb
	ssi.message(3, func(e *pb) {
		for i, k := range names {
			e.message(1, func(entry *pb) {
				entry.string(1, k)
				entry.message(2, values[i].encode)
			})
		}
		e.stringNZ(4, s.Name)
		e.doubleNZ(5, start)
	})

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errClosed
	}
	w.writeHParamsEvent(start, TagExperiment, exp.b)
	w.writeHParamsEvent(start, TagSessionStartInfo, ssi.b)
	w.hparams = true
	return w.err
}

// EndHParams writes the session_end_info of the session HParams started:
// its status and end time (zero wall: now).
func (w *Writer) EndHParams(status SessionStatus, wall time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return errClosed
	}
	w.writeSessionEnd(status, wallOrNow(wall))
	return w.err
}

func (w *Writer) writeSessionEnd(status SessionStatus, wall time.Time) {
	end := unixSeconds(wall)
	var sei pb
	sei.message(4, func(e *pb) {
		e.varintNZ(1, uint64(status))
		e.doubleNZ(2, end)
	})
	w.writeHParamsEvent(end, TagSessionEndInfo, sei.b)
	w.hparams = false
}

// writeHParamsEvent writes a summary value of the hparams plugin; content is
// an HParamsPluginData (version 0, omitted). The caller holds w.mu.
func (w *Writer) writeHParamsEvent(wall float64, tag string, content []byte) {
	w.writeEvent(wall, 0, func(e *pb) {
		e.message(5, func(s *pb) {
			s.message(1, func(v *pb) {
				v.string(1, tag)
				v.message(9, func(m *pb) { encodeMetadata(m, PluginHParams, content) })
				// The plugin's NULL_TENSOR: an empty DT_FLOAT vector.
				v.message(8, func(t *pb) {
					t.varint(1, dtFloat)
					t.message(2, func(sh *pb) { sh.message(2, func(*pb) {}) })
				})
			})
		})
	})
}

// datasetType maps a metric group to api.proto's DatasetType.
func datasetType(group string) uint64 {
	switch strings.ToLower(group) {
	case "train", "training":
		return 1 // DATASET_TRAINING
	case "validation", "val", "valid", "eval", "test":
		return 2 // DATASET_VALIDATION
	}
	return 0
}

// hparamValue is one hyperparameter value: string, float64 or bool.
type hparamValue struct{ v any }

func toHParamValue(v any) (hparamValue, error) {
	switch x := v.(type) {
	case string, bool, float64:
		return hparamValue{x}, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return hparamValue{float64(rv.Int())}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return hparamValue{float64(rv.Uint())}, nil
	case reflect.Float32, reflect.Float64:
		return hparamValue{rv.Float()}, nil
	case reflect.String:
		return hparamValue{rv.String()}, nil
	case reflect.Bool:
		return hparamValue{rv.Bool()}, nil
	}
	return hparamValue{}, fmt.Errorf("unsupported type %T (want string, bool or a number)", v)
}

// dataType is the value's api.proto DataType.
func (h hparamValue) dataType() uint64 {
	switch h.v.(type) {
	case string:
		return 1 // DATA_TYPE_STRING
	case bool:
		return 2 // DATA_TYPE_BOOL
	}
	return 3 // DATA_TYPE_FLOAT64
}

// encode writes the value as a google.protobuf.Value (a oneof: always written).
func (h hparamValue) encode(m *pb) {
	switch x := h.v.(type) {
	case string:
		m.string(3, x)
	case bool:
		var b uint64
		if x {
			b = 1
		}
		m.varint(4, b)
	case float64:
		m.double(2, x)
	}
}

// MetricName names a metric of an HParams experiment: scalar Tag in the
// session's subdirectory Group.
type MetricName struct{ Group, Tag string }

// HParamsData is the decoded content of an "hparams" plugin value.
type HParamsData struct {
	// Kind is "experiment", "session_start_info" or "session_end_info".
	Kind string
	// HParamNames lists an experiment's hyperparameters, in order.
	HParamNames []string
	// Metrics lists an experiment's metrics, in order.
	Metrics []MetricName
	// HParams are a session start's values: string, float64 or bool.
	HParams map[string]any
	// GroupName is a session start's group name.
	GroupName string
	// Time is the experiment's time_created_secs, the session's
	// start_time_secs or its end_time_secs.
	Time float64
	// Status is how the session ended (session_end_info).
	Status SessionStatus
}

// decodeHParams parses an HParamsPluginData.
func decodeHParams(b []byte) (*HParamsData, error) {
	d := &HParamsData{}
	err := parseFields(b, func(f field) error {
		switch f.num {
		case 2:
			d.Kind = "experiment"
			return parseFields(f.data, func(f field) error {
				switch f.num {
				case 3:
					d.Time = f.double()
				case 4:
					return parseFields(f.data, func(f field) error {
						if f.num == 1 {
							d.HParamNames = append(d.HParamNames, string(f.data))
						}
						return nil
					})
				case 5:
					var mn MetricName
					err := parseFields(f.data, func(f field) error {
						if f.num == 1 {
							return parseFields(f.data, func(f field) error {
								switch f.num {
								case 1:
									mn.Group = string(f.data)
								case 2:
									mn.Tag = string(f.data)
								}
								return nil
							})
						}
						return nil
					})
					d.Metrics = append(d.Metrics, mn)
					return err
				}
				return nil
			})
		case 3:
			d.Kind = "session_start_info"
			d.HParams = map[string]any{}
			return parseFields(f.data, func(f field) error {
				switch f.num {
				case 1:
					var key string
					var val any
					err := parseFields(f.data, func(f field) error {
						switch f.num {
						case 1:
							key = string(f.data)
						case 2:
							return parseFields(f.data, func(f field) error {
								switch f.num {
								case 2:
									val = f.double()
								case 3:
									val = string(f.data)
								case 4:
									val = f.u != 0
								}
								return nil
							})
						}
						return nil
					})
					d.HParams[key] = val
					return err
				case 4:
					d.GroupName = string(f.data)
				case 5:
					d.Time = f.double()
				}
				return nil
			})
		case 4:
			d.Kind = "session_end_info"
			return parseFields(f.data, func(f field) error {
				switch f.num {
				case 1:
					d.Status = SessionStatus(f.u)
				case 2:
					d.Time = f.double()
				}
				return nil
			})
		}
		return nil
	})
	return d, err
}
