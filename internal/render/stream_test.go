package render

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestWriteStreamed checks that a document written with its long array
// streamed is byte for byte what encoding it whole gives, at the top
// level and nested, with none, one or several elements holding HTML,
// nested arrays and objects.
func TestWriteStreamed(t *testing.T) {
	type item struct {
		Text string         `json:"text"`
		Tags []int          `json:"tags"`
		More map[string]any `json:"more,omitempty"`
	}
	type run struct {
		Name    string `json:"name"`
		Results []item `json:"results"`
		After   []int  `json:"after"`
	}
	type doc struct {
		Runs  []run `json:"runs"`
		Tail  bool  `json:"tail"`
		Items []item
	}
	all := []item{
		{Text: "<b>a</b> & \"b\"", Tags: []int{1, 2}},
		{Text: "", Tags: []int{}, More: map[string]any{"k": []string{"x"}}},
		{Text: "c\nd"},
	}
	for n := 0; n <= len(all); n++ {
		whole := doc{Runs: []run{{Name: "r", Results: all[:n], After: []int{3}}}, Tail: true, Items: []item{}}
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(whole); err != nil {
			t.Fatal(err)
		}
		empty := whole
		empty.Runs = []run{{Name: "r", Results: []item{}, After: []int{3}}}
		var got bytes.Buffer
		if err := writeStreamed(&got, empty, "results", n, func(i int) any { return all[i] }); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%d elements:\ngot  %q\nwant %q", n, got.String(), want.String())
		}
	}
}
