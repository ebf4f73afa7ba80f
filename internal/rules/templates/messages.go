package templates

import (
	"bytes"
	"slices"
	"strings"
	"sync"

	"github.com/djsec/djsec/internal/djtemplate"
	"github.com/djsec/djsec/internal/project"
	"github.com/djsec/djsec/internal/python"
)

// Base templates show the messages framework's messages, and many mark
// them safe so that a message may hold a link ({{ message|safe }}). What
// they show is what the project's code adds: when every message it adds
// is text that cannot carry markup from outside (a literal, a translated
// string, format_html with a literal format, a reversed URL), the |safe
// shows the developers' own markup.

// messageLevels are the messages framework's shortcuts.
var messageLevels = map[string]bool{"debug": true, "info": true, "success": true, "warning": true, "error": true}

// addedMessages is what the project's code adds to the messages
// framework, read once per scan.
type addedMessages struct {
	found, safe bool // some are added; every one is safe
	// tagged counts the messages added with "safe" among their
	// extra_tags (or with extra_tags djsec cannot read), the only ones a
	// template's {% if "safe" in message.tags %} branch shows;
	// taggedSafe says every one of them is safe.
	tagged     int
	taggedSafe bool
}

// projectMessages reads the messages the project's code adds:
// messages.success(request, ...), messages.add_message(request, level,
// ...), a ModelAdmin's self.message_user(request, ...); a
// SuccessMessageMixin's success_message formatted with the form's data
// (%(name)s) is not safe.
func projectMessages(p *project.Project) *addedMessages {
	return p.Memo("rules/templates.projectMessages", func() any {
		var mu sync.Mutex
		out := &addedMessages{safe: true, taggedSafe: true}
		mention := func(data []byte) bool {
			return bytes.Contains(data, []byte("messages.")) || bytes.Contains(data, []byte("message_user(")) ||
				bytes.Contains(data, []byte("success_message"))
		}
		eachParsed(p.Named(project.Python), mention, func(_ int, _ *project.File, m *python.Module) {
			got := moduleMessages(m)
			mu.Lock()
			out.found = out.found || got.found
			out.safe = out.safe && got.safe
			out.tagged += got.tagged
			out.taggedSafe = out.taggedSafe && got.taggedSafe
			mu.Unlock()
		})
		return out
	}).(*addedMessages)
}

// addedMessagesSafe reports whether the project's code adds messages and
// every one it adds is safe (safeValue).
func addedMessagesSafe(p *project.Project) bool {
	am := projectMessages(p)
	return am.found && am.safe
}

// moduleMessages reads the messages a module adds.
func moduleMessages(m *python.Module) addedMessages {
	out := addedMessages{safe: true, taggedSafe: true}
	python.InspectStack(m, func(node python.Node, stack []python.Node) bool {
		switch x := node.(type) {
		case *python.Assign:
			// success_message = "%(name)s was created": the form's data
			for _, t := range x.Targets {
				if nm, ok := t.(*python.Name); ok && nm.ID == "success_message" {
					out.found = true
					s, ok := strConst(x.Value)
					out.safe = out.safe && (!ok || !strings.Contains(s, "%(")) && (ok || safeValue(x.Value, nil, &pymod{Module: m}, 0))
				}
			}
		case *python.Call:
			msg := addedMessage(x)
			if msg == nil {
				return true
			}
			out.found = true
			if !out.safe && !taggedSafe(x) {
				return true // neither answer can change
			}
			ok := safeValue(msg, enclosingFunc(stack), &pymod{Module: m}, 0)
			out.safe = out.safe && ok
			if taggedSafe(x) {
				out.tagged++
				out.taggedSafe = out.taggedSafe && ok
			}
		}
		return true
	})
	return out
}

// taggedSafe reports a message added with "safe" among its extra_tags
// (extra_tags="safe message--student"), or with extra_tags that are not
// a literal, which may hold it.
func taggedSafe(c *python.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg == "extra_tags" {
			s, ok := strConst(k.Value)
			return !ok || slices.Contains(strings.Fields(s), "safe")
		}
	}
	return false
}

// addedMessage returns the text a call adds as a message, or nil when the
// call adds none.
func addedMessage(c *python.Call) python.Expr {
	a, ok := c.Func.(*python.Attribute)
	if !ok {
		return nil
	}
	arg := func(i int) python.Expr {
		for _, k := range c.Keywords {
			if k.Arg == "message" {
				return k.Value
			}
		}
		if i < len(c.Args) {
			return c.Args[i]
		}
		return nil
	}
	switch recv := funcName(a.Value); {
	case a.Attr == "message_user" && recv == "self":
		return arg(1)
	case recv != "messages": // messages.success, django.contrib.messages.success
		return nil
	case messageLevels[a.Attr]:
		return arg(1)
	case a.Attr == "add_message":
		return arg(2)
	}
	return nil
}

// shownMessage reports a value that is a message of the messages
// framework the template loops over: {% for message in messages %}
// {{ message|safe }}.
func shownMessage(e *djtemplate.FilterExpr, src string) bool {
	return e.Value.Kind == djtemplate.OperandVariable && e.Value.Value == "message" && strings.Contains(src, " in messages")
}

// safeTagBranches returns the variables of a template inside
// {% if "safe" in message.tags %} (or message.extra_tags, or an elif of
// that test): the branch shows only the messages the project's code adds
// with the extra tag "safe", which a base template uses to let its own
// messages hold links while escaping every other.
func safeTagBranches(d *doc) map[*djtemplate.Variable]bool {
	var out map[*djtemplate.Variable]bool
	mark := func(args []string, body []djtemplate.Node) {
		if len(args) != 3 || args[1] != "in" || (args[0] != `"safe"` && args[0] != `'safe'`) ||
			(args[2] != "message.tags" && args[2] != "message.extra_tags") {
			return
		}
		if out == nil {
			out = map[*djtemplate.Variable]bool{}
		}
		djtemplate.Inspect(body, func(n djtemplate.Node) bool {
			if v, ok := n.(*djtemplate.Variable); ok {
				out[v] = true
			}
			return true
		})
	}
	d.tpl.Inspect(func(n djtemplate.Node) bool {
		t, ok := n.(*djtemplate.Tag)
		if !ok || t.Name != "if" {
			return true
		}
		mark(t.Args, t.Body)
		for _, b := range t.Branches {
			if b.Name == "elif" {
				mark(b.Args, b.Body)
			}
		}
		return true
	})
	return out
}
