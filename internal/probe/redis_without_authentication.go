package probe

// RedisNoAuth finds Redis answering without authentication.
var RedisNoAuth = noAuthRule("DJL603", "redis-without-authentication", "redis", "Redis",
	"Redis is reachable and answers without authentication",
	"bind 0.0.0.0\nprotected-mode no",
	"bind 127.0.0.1 ::1\nrequirepass <long random>   # or ACL users",
	"Bind Redis to localhost or a private address, keep protected-mode on, and require a password (requirepass or ACL users); use it in CACHES/CELERY URLs.",
	"https://redis.io/docs/latest/operate/oss_and_stack/management/security/")
