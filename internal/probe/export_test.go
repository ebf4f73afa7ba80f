package probe

import "github.com/djsec/djsec/internal/analysis"

type analysisRule = analysis.Rule
