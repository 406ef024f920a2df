package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/glassbox-ml/glassbox/explain"
)

func init() {
	register(&command{name: "explain merge", summary: "join the part files of `glassbox explain --shard` into one explanation (JSON or CSV)", run: mergeCommand})
}

// shardPart says which slice of the rows a part file explains.
type shardPart struct {
	Index     int `json:"index"`
	Of        int `json:"of"`
	FirstRow  int `json:"first_row"`
	Rows      int `json:"rows"`
	TotalRows int `json:"total_rows"`
}

// partFile is the JSON of a part: the slice and its explanation.
type partFile struct {
	Shard       shardPart            `json:"glassbox_shard"`
	Explanation *explain.Explanation `json:"explanation"`
}

// parseShard reads "I/N" and cuts total rows into N contiguous slices, the
// first total mod N of them one row longer: slice I starts at
// I·⌊total/N⌋ + min(I, total mod N).
func parseShard(s string, total int) (shardPart, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return shardPart{}, fmt.Errorf("--shard %q: want I/N with 0 ≤ I < N, e.g. 0/4", s)
	}
	if n > total {
		return shardPart{}, fmt.Errorf("--shard %s: %d shards for %d rows; use at most %d", s, n, total, total)
	}
	size, extra := total/n, total%n
	first := i*size + min(i, extra)
	rows := size
	if i < extra {
		rows++
	}
	return shardPart{Index: i, Of: n, FirstRow: first, Rows: rows, TotalRows: total}, nil
}

func writePart(w io.Writer, p shardPart, e *explain.Explanation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(partFile{Shard: p, Explanation: e})
}

func mergeCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("explain merge", flag.ContinueOnError)
	fs.SetOutput(stdout)
	out := fs.String("out", "", "merged explanation `FILE`: .json or .csv")
	fs.Usage = func() {
		fmt.Fprint(stdout, "Usage: glassbox explain merge --out FILE.json|FILE.csv PART.json…\n\n"+
			"Joins the part files written by `glassbox explain --shard I/N` (every I from 0 to N−1, in any\n"+
			"order) into the explanation one unsharded run with the same seed writes, byte for byte.\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args); help || err != nil {
		return err // nil after -h
	}
	if *out == "" {
		return errors.New("--out FILE.json or FILE.csv is required")
	}
	c := explainConfig{out: *out}
	if ext := strings.ToLower(c.outExt()); ext != ".json" && ext != ".csv" {
		return fmt.Errorf("--out %s: the file must end in .json or .csv", *out)
	}
	if fs.NArg() == 0 {
		return errors.New("no part files given")
	}
	var parts []partFile
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var p partFile
		if err := json.Unmarshal(b, &p); err != nil || p.Explanation == nil {
			return fmt.Errorf("%s: not a part file of `glassbox explain --shard` (%v)", path, err)
		}
		parts = append(parts, p)
	}
	slices.SortFunc(parts, func(a, b partFile) int { return a.Shard.Index - b.Shard.Index })
	n, total := parts[0].Shard.Of, parts[0].Shard.TotalRows
	next := 0
	for i, p := range parts {
		switch {
		case p.Shard.Of != n || p.Shard.TotalRows != total:
			return fmt.Errorf("the parts come from different runs: shard %d of %d (%d rows) beside shard %d of %d (%d rows)",
				p.Shard.Index, p.Shard.Of, p.Shard.TotalRows, parts[0].Shard.Index, n, total)
		case p.Shard.Index != i:
			return fmt.Errorf("shard %d of %d is missing (or given twice)", i, n)
		case p.Shard.FirstRow != next:
			return fmt.Errorf("shard %d starts at row %d, want %d", i, p.Shard.FirstRow, next)
		}
		next += p.Shard.Rows
	}
	if len(parts) != n || next != total {
		return fmt.Errorf("%d of %d shards given (rows 1–%d of %d)", len(parts), n, next, total)
	}
	es := make([]*explain.Explanation, len(parts))
	for i, p := range parts {
		es[i] = p.Explanation
	}
	e, err := explain.Merge(es...)
	if err != nil {
		return err
	}
	write := e.WriteJSON
	if c.csv() {
		write = e.WriteCSV
	}
	if err := writeAtomic(*out, write); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "merged %d shards, %d rows → %s\n", n, total, *out)
	return nil
}
