package templates

import (
	"bytes"
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

// addedMessagesSafe reports whether the project's code adds messages and
// every one it adds is safe (safeValue): messages.success(request, ...),
// messages.add_message(request, level, ...), a ModelAdmin's
// self.message_user(request, ...); a SuccessMessageMixin's success_message
// formatted with the form's data (%(name)s) is not.
func addedMessagesSafe(p *project.Project) bool {
	return p.Memo("rules/templates.addedMessagesSafe", func() any {
		var mu sync.Mutex
		found, safe := false, true
		mention := func(data []byte) bool {
			return bytes.Contains(data, []byte("messages.")) || bytes.Contains(data, []byte("message_user(")) ||
				bytes.Contains(data, []byte("success_message"))
		}
		eachParsed(p.Named(project.Python), mention, func(_ int, _ *project.File, m *python.Module) {
			n, ok := moduleMessagesSafe(m)
			mu.Lock()
			found = found || n > 0
			safe = safe && ok
			mu.Unlock()
		})
		return found && safe
	}).(bool)
}

// moduleMessagesSafe returns how many messages a module adds and whether
// every one is safe.
func moduleMessagesSafe(m *python.Module) (n int, safe bool) {
	safe = true
	python.InspectStack(m, func(node python.Node, stack []python.Node) bool {
		if !safe {
			return false
		}
		switch x := node.(type) {
		case *python.Assign:
			// success_message = "%(name)s was created": the form's data
			for _, t := range x.Targets {
				if nm, ok := t.(*python.Name); ok && nm.ID == "success_message" {
					n++
					s, ok := strConst(x.Value)
					safe = safe && (!ok || !strings.Contains(s, "%(")) && (ok || safeValue(x.Value, nil, m, 0))
				}
			}
		case *python.Call:
			if msg := addedMessage(x); msg != nil {
				n++
				safe = safeValue(msg, enclosingFunc(stack), m, 0)
			}
		}
		return true
	})
	return n, safe
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
