package secrets

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveFind is the obvious search find must agree with.
func naiveFind(data []byte, keywords []string) []kwMatch {
	lower := bytes.ToLower(data)
	var out []kwMatch
	for k, kw := range keywords {
		for i := 0; ; {
			j := bytes.Index(lower[i:], []byte(kw))
			if j < 0 {
				break
			}
			out = append(out, kwMatch{i + j + len(kw), k})
			i += j + 1
		}
	}
	return out
}

func sortMatches(ms []kwMatch) {
	slices.SortFunc(ms, func(a, b kwMatch) int {
		if a.end != b.end {
			return a.end - b.end
		}
		return a.kw - b.kw
	})
}

func TestKeywordSetAgreesWithNaiveSearch(t *testing.T) {
	keywords := []string{"token", "secret", "secret_key", "key-", "ey", "eyj", "://", "a3t", "pwd", "password", "sk_live_", "s"}
	ks, err := newKeywordSet(keywords)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	const alphabet = "tokenSECRET_keysecret-:/ EYJ a3tpwdPASSWORDsk_live_\n\n"
	for _, size := range []int{0, 1, 5, 100, findSplitMin - 1, findSplitMin + 7, 4 << 10, 16 << 10, 17<<10 + 3, 100 << 10} {
		for range 5 {
			data := make([]byte, size)
			for i := range data {
				data[i] = alphabet[r.IntN(len(alphabet))]
			}
			got := ks.find(data, nil)
			if !slices.IsSortedFunc(got, func(a, b kwMatch) int { return a.end - b.end }) {
				t.Fatalf("size %d: matches are not in order of their ends", size)
			}
			want := naiveFind(data, keywords)
			sortMatches(got)
			sortMatches(want)
			if !slices.Equal(got, want) {
				t.Fatalf("size %d: got %d matches, want %d", size, len(got), len(want))
			}
		}
	}
}

func TestKeywordSetNoNewlines(t *testing.T) {
	// One long line: the parts cannot be cut at line ends and the whole
	// input is walked as one.
	data := bytes.Repeat([]byte("abc token xyz "), 5000)
	ks, _ := newKeywordSet([]string{"token"})
	if got, want := len(ks.find(data, nil)), 5000; got != want {
		t.Errorf("got %d matches, want %d", got, want)
	}
}
