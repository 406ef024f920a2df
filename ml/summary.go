package ml

import (
	"fmt"
	"strings"
)

// SummaryRow is one layer of a model summary.
type SummaryRow struct {
	Name        string // e.g. "dense_0 (Dense)"
	OutputShape string // e.g. "(None, 64)"
	Params      int    // weights + biases
}

// ModelSummary is the table Keras' model.summary() prints: each layer with its
// output shape and parameter count, and the totals. All parameters of a
// Sequential are trainable. reports.ModelSummary renders it as HTML.
type ModelSummary struct {
	Rows            []SummaryRow
	TotalParams     int
	TrainableParams int
}

// LayerNames names layers as Keras does: the kind and its count so far,
// "dense_0", "dense_1", "dropout_0", "rescaling_0".
func LayerNames(layers []Layer) []string {
	names := make([]string, len(layers))
	counts := map[string]int{}
	for i, l := range layers {
		names[i] = fmt.Sprintf("%s_%d", l.Kind, counts[l.Kind])
		counts[l.Kind]++
	}
	return names
}

// Summary describes the layers: a dense layer with n inputs and u units has
// n·u + u parameters; dropout and rescaling have none.
func (m *Sequential) Summary() ModelSummary {
	var s ModelSummary
	in := m.inputDim
	if in == 0 && len(m.layers) > 0 {
		in = m.layers[0].InputDim
	}
	width := in
	names := LayerNames(m.layers)
	for i, l := range m.layers {
		name := names[i]
		row := SummaryRow{}
		switch l.Kind {
		case "dense":
			row.Name = name + " (Dense)"
			row.Params = width*l.Units + l.Units
			width = l.Units
		case "rescaling":
			row.Name = name + " (Rescaling)"
		default:
			row.Name = name + " (Dropout)"
		}
		row.OutputShape = fmt.Sprintf("(None, %d)", width)
		s.Rows = append(s.Rows, row)
		s.TotalParams += row.Params
	}
	s.TrainableParams = s.TotalParams
	return s
}

// Text renders the summary as a plain-text table.
func (s ModelSummary) Text() string {
	var b strings.Builder
	rule := strings.Repeat("─", 62) + "\n"
	fmt.Fprintf(&b, "%-28s %-20s %12s\n", "Layer (type)", "Output Shape", "Param #")
	b.WriteString(rule)
	for _, r := range s.Rows {
		fmt.Fprintf(&b, "%-28s %-20s %12d\n", r.Name, r.OutputShape, r.Params)
	}
	b.WriteString(rule)
	fmt.Fprintf(&b, "Total params: %d\nTrainable params: %d\nNon-trainable params: %d\n",
		s.TotalParams, s.TrainableParams, s.TotalParams-s.TrainableParams)
	return b.String()
}
