// Command secretsgen writes a tree of source-like text for the secrets
// benchmark (bench/secrets.sh): Python, JavaScript, YAML, JSON, .env,
// Markdown and HTML files made of lines a Django project holds, where
// keywords (password, token, secret, key, URLs) turn up at about the rate
// they do in real code and a fake secret once in a long while.
//
//	go run ./bench/secretsgen -size 1024 -out /tmp/tree
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

var pyLines = []string{
	"from django.db import models",
	"from django.conf import settings",
	"from django.contrib.auth.decorators import login_required",
	"import logging",
	"logger = logging.getLogger(__name__)",
	"",
	"class Order%d(models.Model):",
	"    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)",
	"    created = models.DateTimeField(auto_now_add=True)",
	"    total = models.DecimalField(max_digits=10, decimal_places=2)",
	"    status = models.CharField(max_length=20, choices=STATUS_CHOICES, default=\"new\")",
	"    def __str__(self):",
	"        return f\"Order {self.pk} for {self.customer}\"",
	"@login_required",
	"def order_detail(request, pk):",
	"    order = get_object_or_404(Order, pk=pk, customer=request.user)",
	"    return render(request, \"orders/detail.html\", {\"order\": order})",
	"    if not request.user.is_authenticated:",
	"        return redirect(\"login\")",
	"    for item in order.items.select_related(\"product\").all():",
	"        subtotal += item.price * item.quantity",
	"    # Recalculate the total after discounts are applied to line %d.",
	"    logger.info(\"order %s paid\", order.pk)",
	"    qs = Product.objects.filter(category__slug=slug).order_by(\"-created\")[:%d]",
	"    context[\"page_obj\"] = paginator.get_page(request.GET.get(\"page\"))",
	"    return JsonResponse({\"ok\": True, \"count\": len(items)})",
	"urlpatterns = [path(\"orders/<int:pk>/\", views.order_detail, name=\"order-detail\")]",
	"    raise ValidationError(_(\"Quantity must be positive.\"))",
	"    data = json.loads(request.body or b\"{}\")",
	"        self.fields[\"email\"].widget.attrs.update({\"class\": \"form-control\"})",
	"TIME_ZONE = \"Europe/Berlin\"",
	"STATIC_URL = \"/static/\"",
	"    assert response.status_code == 200, response.content[:%d]",
}

// keywordLines hold the detectors' keywords without a secret: they make
// the regexes run, as real code does.
var keywordLines = []string{
	"    password = form.cleaned_data[\"password\"]",
	"    token = default_token_generator.make_token(user)",
	"SECRET_KEY = os.environ[\"DJANGO_SECRET_KEY\"]",
	"AUTH_PASSWORD_VALIDATORS = [{\"NAME\": \"django.contrib.auth.password_validation.MinimumLengthValidator\"}]",
	"    # See https://docs.djangoproject.com/en/4.2/ref/settings/ for the list.",
	"AWS_STORAGE_BUCKET_NAME = os.environ.get(\"AWS_STORAGE_BUCKET_NAME\", \"shop-media\")",
	"    api_key = settings.PAYMENT_API_KEY",
	"    headers = {\"Authorization\": f\"Bearer {token}\"}",
	"CELERY_BROKER_URL = env(\"CELERY_BROKER_URL\", default=\"redis://localhost:6379/0\")",
	"    client = Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)",
	"    msg.attach_alternative(html, \"text/html\")",
	"    payload = jwt.decode(token, settings.JWT_KEY, algorithms=[\"HS256\"])",
	"    credentials = service_account.Credentials.from_service_account_file(path)",
}

// secretLines are found by djsec and by gitleaks.
var secretLines = []string{
	"STRIPE_SECRET_KEY = \"sk_live_%s\"",
	"GITHUB_TOKEN = \"ghp_%s\"",
	"DATABASE_URL = \"postgres://shop:%s@db.internal.example.com/shop\"",
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func random(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[r.IntN(len(alnum))]
	}
	return string(b)
}

func line(r *rand.Rand, ext string, secrets *int) string {
	switch x := r.IntN(100000); {
	case x < 2:
		*secrets++
		l := secretLines[r.IntN(len(secretLines))]
		switch {
		case strings.Contains(l, "sk_live"):
			return fmt.Sprintf(l, random(r, 24))
		case strings.Contains(l, "ghp_"):
			return fmt.Sprintf(l, random(r, 36))
		}
		return fmt.Sprintf(l, random(r, 16))
	case x < 1500:
		return keywordLines[r.IntN(len(keywordLines))]
	}
	l := pyLines[r.IntN(len(pyLines))]
	if strings.Contains(l, "%d") {
		l = fmt.Sprintf(l, r.IntN(1000))
	}
	switch ext {
	case ".js":
		return "  const v" + fmt.Sprint(r.IntN(100)) + " = " + strings.TrimSpace(strings.ReplaceAll(l, "#", "//")) + ";"
	case ".yaml":
		return "  key_" + fmt.Sprint(r.IntN(100)) + ": " + strings.TrimSpace(l)
	case ".md":
		return "The view " + strings.TrimSpace(l) + " is documented here."
	}
	return l
}

func main() {
	size := flag.Int("size", 1024, "total size in `MB`")
	out := flag.String("out", "", "output `DIR` (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "secretsgen: -out is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintln(os.Stderr, "secretsgen: output directory exists")
		os.Exit(2)
	}
	r := rand.New(rand.NewPCG(1, 2))
	exts := []string{".py", ".py", ".py", ".py", ".js", ".yaml", ".md", ".html", ".txt"}
	const fileSize = 256 << 10
	total, secrets, files := 0, 0, 0
	for total < *size<<20 {
		ext := exts[files%len(exts)]
		dir := filepath.Join(*out, fmt.Sprintf("app%03d", files/100))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "secretsgen:", err)
			os.Exit(1)
		}
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("module%05d%s", files, ext)))
		if err != nil {
			fmt.Fprintln(os.Stderr, "secretsgen:", err)
			os.Exit(1)
		}
		w := bufio.NewWriterSize(f, 64<<10)
		n := 0
		for n < fileSize {
			l := line(r, ext, &secrets)
			w.WriteString(l)
			w.WriteByte('\n')
			n += len(l) + 1
		}
		w.Flush()
		f.Close()
		total += n
		files++
	}
	fmt.Printf("%d files, %d MB, %d planted secrets\n", files, total>>20, secrets)
}
