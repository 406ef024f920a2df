package main

import (
	"encoding/json"
	"strings"
	"testing"
)

const paramsNotebook = `{"cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title"]},
 {"cell_type": "code", "execution_count": null, "id": "p1", "metadata": {"tags": ["parameters"]}, "outputs": [],
  "source": ["// Parameters\n", "var seed int64 = 42\n", "var rate = 0.5 // learning rate\n", "var name = \"quick\"\n", "var plot = true\n", "var epochs = 10\n"]},
 {"cell_type": "code", "execution_count": null, "id": "c2", "metadata": {}, "outputs": [], "source": "%%\nfmt.Println(seed)"}
], "metadata": {"kernelspec": {"name": "glassbox"}}, "nbformat": 4, "nbformat_minor": 5}`

func TestInjectParameters(t *testing.T) {
	var nb notebook
	if err := json.Unmarshal([]byte(paramsNotebook), &nb); err != nil {
		t.Fatal(err)
	}
	params := map[string]string{"seed": "7", "rate": "1", "name": `a "b"`, "plot": "false", "epochs": "3"}
	if err := nb.inject(params, []string{"seed", "rate", "name", "plot", "epochs"}); err != nil {
		t.Fatal(err)
	}
	if len(nb.Cells) != 4 || !nb.Cells[2].tagged("injected-parameters") {
		t.Fatalf("cells %+v", nb.Cells)
	}
	want := "// Injected by glassbox run.\nvar seed int64 = 7\nvar rate = 1.0\nvar name = \"a \\\"b\\\"\"\nvar plot = false\nvar epochs = 3\n"
	if got := string(nb.Cells[2].Source); got != want {
		t.Errorf("injected cell:\n%s\nwant:\n%s", got, want)
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	var again notebook
	if err := json.Unmarshal(b, &again); err != nil || len(again.Cells) != 4 || again.Rest["nbformat"] == nil {
		t.Fatalf("round trip: %v, %d cells", err, len(again.Cells))
	}
	// Running again replaces the injected cell rather than adding another.
	if err := again.inject(map[string]string{"seed": "8"}, []string{"seed"}); err != nil || len(again.Cells) != 4 ||
		!strings.Contains(string(again.Cells[2].Source), "var seed int64 = 8") {
		t.Errorf("re-injection: %v, %d cells", err, len(again.Cells))
	}
	for _, c := range []struct {
		params map[string]string
		want   string
	}{
		{map[string]string{"nope": "1"}, `"nope" is not declared`},
		{map[string]string{"seed": "x"}, `"x" is not an integer`},
		{map[string]string{"plot": "maybe"}, "not true or false"},
		{map[string]string{"rate": "fast"}, "not a number"},
	} {
		var nb notebook
		json.Unmarshal([]byte(paramsNotebook), &nb)
		var order []string
		for k := range c.params {
			order = append(order, k)
		}
		if err := nb.inject(c.params, order); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.params, err, c.want)
		}
	}
}

func TestFirstErrorNamesTheCell(t *testing.T) {
	var nb notebook
	json.Unmarshal([]byte(`{"cells": [
	 {"cell_type": "code", "metadata": {}, "source": "%%\nfmt.Println(1)", "outputs": [{"output_type": "stream", "name": "stdout", "text": "1\n"}]},
	 {"cell_type": "code", "metadata": {}, "source": "%%\npanic(\"boom\")", "outputs": [{"output_type": "stream", "name": "stderr", "text": ["panic: boom\n", "\n", "goroutine 1"]}]}
	]}`), &nb)
	err := nb.firstError()
	if err == nil || !strings.Contains(err.Error(), `code cell 2 (panic("boom")) failed: panic: boom`) {
		t.Errorf("firstError = %v", err)
	}
}
