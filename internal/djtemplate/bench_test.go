package djtemplate

import (
	"strings"
	"testing"
)

// page is a realistic slice of a shop template, repeated to make a big one.
const page = `{% extends "shop/base.html" %}{% load i18n static %}
{% block content %}
<form method="post" action="{% url 'shop:cart_update' %}" class="cart">
  {% csrf_token %}
  <table>
  {% for line in cart.lines %}
    <tr class="{% cycle 'odd' 'even' %}">
      <td><a href="{{ line.product.get_absolute_url }}">{{ line.product.name|truncatechars:40 }}</a></td>
      <td><input name="qty-{{ line.pk }}" value="{{ line.quantity }}"></td>
      <td>{{ line.total|floatformat:2 }} {% translate "EUR" %}</td>
      <td><button type="button" onclick="removeLine({{ line.pk }})">x</button></td>
    </tr>
  {% empty %}
    <tr><td colspan="4">{% translate "Your cart is empty." %}</td></tr>
  {% endfor %}
  </table>
  {# totals #}
  {% if cart.discount %}<p>{{ cart.discount|default:"-"|safe }}</p>{% endif %}
</form>
<script>const count = {{ cart.lines|length }};</script>
{% endblock %}
`

func BenchmarkParseAndScan(b *testing.B) {
	src := strings.Repeat(page, 1000) // about 1 MB
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		t := Parse(src)
		t.Scan(func(Event) {})
	}
}
