package templates

import (
	"bytes"
	"encoding/json"
	"path"
	"strings"

	"github.com/djsec/djsec/internal/project"
)

// Whether :config="{{ config }}" or @click="..." is JavaScript depends on
// what the page loads. Alpine.js (and petite-vue) evaluate such attributes
// in the page as it stands. Vue does only with its template compiler: a
// project that takes Vue from npm gets, by default, the build bundlers
// pick (package.json's "module" field), which has none; its components
// come compiled from .vue files, and an element in a Django template is
// at most a mount point whose attributes the project's own script reads.

// frontend says which of those frameworks a project's pages load.
type frontend struct {
	// alpine: Alpine.js or petite-vue is a dependency, or a template
	// names it (a <script> from a CDN).
	alpine bool
	// vueRuntimeOnly: a package.json depends on vue, and nothing asks
	// for a build with the compiler (an alias to vue/dist/vue.esm-bundler.js,
	// runtimeCompiler, a global build loaded by a template).
	vueRuntimeOnly bool
	// alpineCSPOnly: the Alpine.js the pages load is its CSP build
	// (@alpinejs/csp), which reads attributes as names of the data the
	// page's script registered, and runs no JavaScript written in them.
	alpineCSPOnly bool
}

// compilerBuilds are what a project writes to load Vue with its template
// compiler: a bundler alias or import of a full build, Vue CLI's option,
// a global build from a CDN.
var compilerBuilds = []string{"vue/dist/vue.esm", "vue/dist/vue.js", "vue/dist/vue.min.js", "vue/dist/vue.common",
	"vue.global", "runtimecompiler", "vue@", "/vue.js", "/vue.min.js", "vue.esm-browser", "vue/dist/vue.cjs"}

// bundlerConfig reports the files where a bundler's aliases live.
func bundlerConfig(name string) bool {
	stem, _, _ := strings.Cut(name, ".")
	switch stem {
	case "vite", "webpack", "vue", "rollup", "rsbuild", "esbuild":
		return strings.Contains(name, ".config.") || stem == "webpack"
	}
	return strings.HasPrefix(name, "webpack.") || strings.HasPrefix(name, "webpack-")
}

// pageFrameworks reads, once per scan, the project's package.json files,
// its bundlers' configuration and its templates.
func pageFrameworks(p *project.Project) frontend {
	return p.Memo("rules/templates.frontend", func() any {
		var out frontend
		npmVue, compiler := false, false
		fullAlpine, cspAlpine := false, false
		var buf []byte
		for _, f := range p.Files {
			if strings.Contains("/"+f.Path+"/", "/node_modules/") {
				continue
			}
			name := path.Base(f.Path)
			template := project.NameKind(f.Path)&project.Template != 0
			if name != "package.json" && !bundlerConfig(name) && !template {
				continue
			}
			data, err := f.Peek(&buf)
			if err != nil {
				continue
			}
			lower := bytes.ToLower(data)
			if name == "package.json" {
				deps := packageDeps(data)
				npmVue = npmVue || deps["vue"]
				out.alpine = out.alpine || deps["alpinejs"] || deps["petite-vue"] || deps["@alpinejs/csp"]
				fullAlpine = fullAlpine || deps["alpinejs"] || deps["petite-vue"]
				cspAlpine = cspAlpine || deps["@alpinejs/csp"]
			}
			if template && (bytes.Contains(lower, []byte("alpinejs")) || bytes.Contains(lower, []byte("petite-vue"))) {
				out.alpine = true
				csp := bytes.Count(lower, []byte("@alpinejs/csp"))
				if bytes.Count(lower, []byte("alpinejs"))+bytes.Count(lower, []byte("petite-vue")) > csp {
					fullAlpine = true
				}
				cspAlpine = cspAlpine || csp > 0
			}
			for _, m := range compilerBuilds {
				if bytes.Contains(lower, []byte(m)) {
					compiler = true
				}
			}
		}
		out.vueRuntimeOnly = npmVue && !compiler
		out.alpineCSPOnly = cspAlpine && !fullAlpine
		return out
	}).(frontend)
}

// packageDeps returns the packages a package.json depends on, for running
// or building.
func packageDeps(data []byte) map[string]bool {
	var pkg struct {
		Dependencies    map[string]any `json:"dependencies"`
		DevDependencies map[string]any `json:"devDependencies"`
	}
	out := map[string]bool{}
	if json.Unmarshal(data, &pkg) != nil {
		return out
	}
	for name := range pkg.Dependencies {
		out[name] = true
	}
	for name := range pkg.DevDependencies {
		out[name] = true
	}
	return out
}

// compiledInPage reports whether the framework frameworkJS named for an
// attribute evaluates it in this project's pages: Vue's attributes are
// not evaluated when the project bundles Vue's runtime-only build,
// Alpine.js's not when the pages load only its CSP build, and the
// attributes both share (@click, :class) only when one of them does.
func compiledInPage(p *project.Project, framework string) bool {
	fe := pageFrameworks(p)
	switch framework {
	case "Vue":
		return !fe.vueRuntimeOnly
	case "Alpine.js or Vue":
		return fe.alpine && !fe.alpineCSPOnly || !fe.vueRuntimeOnly
	case "Alpine.js":
		return !fe.alpineCSPOnly
	}
	return true
}
