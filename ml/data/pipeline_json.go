package data

import (
	"encoding/json"
	"fmt"
)

// pipelineFormat identifies the JSON layout of a Pipeline; it changes when
// the layout does.
const pipelineFormat = "glassbox/data.Pipeline/v1"

// pipelineJSON is the stored form of a Pipeline.
type pipelineJSON struct {
	Format   string       `json:"format"`
	Options  Options      `json:"options"`
	Columns  []columnStep `json:"columns"`
	Features []string     `json:"features"`
}

// MarshalJSON stores the options and every fitted constant, and the feature
// names for readers of the file.
func (p *Pipeline) MarshalJSON() ([]byte, error) {
	return json.Marshal(pipelineJSON{Format: pipelineFormat, Options: p.opts, Columns: p.columns, Features: p.features})
}

// UnmarshalJSON restores a Pipeline written by MarshalJSON, checking that its
// format is known and its constants are valid.
func (p *Pipeline) UnmarshalJSON(b []byte) error {
	var w pipelineJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("data: decoding pipeline: %w", err)
	}
	if w.Format != pipelineFormat {
		return fmt.Errorf("data: decoding pipeline: format %q, want %q", w.Format, pipelineFormat)
	}
	opts, err := w.Options.withDefaults()
	if err != nil {
		return fmt.Errorf("data: decoding pipeline: %w", err)
	}
	q := Pipeline{opts: opts, columns: w.Columns}
	if err := q.validate(); err != nil {
		return fmt.Errorf("data: decoding pipeline: %w", err)
	}
	q.index()
	*p = q
	return nil
}
