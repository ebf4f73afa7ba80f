// Package editdist measures how far apart two names are, for the
// suggestions of the command line ("did you mean") and the rules that
// catch a misspelled setting.
package editdist

// Distance is the Levenshtein distance between a and b: the fewest
// insertions, deletions and substitutions of bytes that turn one into the
// other.
func Distance(a, b string) int {
	// names are short: two rows on the stack, not the heap, for them
	var bufPrev, bufCur [64]int
	var prev, cur []int
	if len(b) < len(bufPrev) {
		prev, cur = bufPrev[:len(b)+1], bufCur[:len(b)+1]
	} else {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
