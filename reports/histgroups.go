package reports

import (
	"cmp"
	"slices"

	"github.com/glassbox-ml/glassbox/ml"
)

// HistogramGroup is the history of one parameter of one layer: its
// histograms.jsonl records in epoch order.
type HistogramGroup struct {
	Layer   int    // index in the model's layers
	Param   string // "kernel" or "bias"
	Records []ml.HistogramRecord
}

// Title names the group for a chart, with the layer's kind, units and
// activation when layers (the run's configuration) has it.
func (g HistogramGroup) Title(layers []ml.Layer) string { return layerTitle(g.Layer, g.Param, layers) }

// GroupHistograms sorts a run's histogram records into one group per layer
// and parameter — layers in order, kernel before bias — each in epoch
// order. Records whose edges do not bound their counts are left out.
func GroupHistograms(recs []ml.HistogramRecord) []HistogramGroup {
	var groups []HistogramGroup
	at := map[[2]any]int{}
	for _, r := range recs {
		if len(r.Counts) == 0 || len(r.Edges) != len(r.Counts)+1 {
			continue
		}
		k := [2]any{r.Layer, r.Param}
		i, ok := at[k]
		if !ok {
			i = len(groups)
			at[k] = i
			groups = append(groups, HistogramGroup{Layer: r.Layer, Param: r.Param})
		}
		groups[i].Records = append(groups[i].Records, r)
	}
	paramOrder := func(p string) int {
		switch p {
		case "kernel":
			return 0
		case "bias":
			return 1
		}
		return 2
	}
	slices.SortFunc(groups, func(a, b HistogramGroup) int {
		return cmp.Or(cmp.Compare(a.Layer, b.Layer), cmp.Compare(paramOrder(a.Param), paramOrder(b.Param)), cmp.Compare(a.Param, b.Param))
	})
	for _, g := range groups {
		slices.SortStableFunc(g.Records, func(a, b ml.HistogramRecord) int { return cmp.Compare(a.Epoch, b.Epoch) })
	}
	return groups
}
