package probe

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// service is a well-known service port and how to recognize what answers.
type service struct {
	name     string
	port     int
	critical bool // data stores that must never face the internet
	identify func(ctx context.Context, addr string, s *Site) (string, bool)
}

// services lists what djsec looks for on the site's host.
var services = []service{
	{name: "mongodb", port: 27017, critical: true, identify: nil},
	{name: "redis", port: 6379, critical: true, identify: nil},
	{name: "postgresql", port: 5432, critical: true, identify: identifyPostgres},
	{name: "mysql", port: 3306, critical: true, identify: identifyMySQL},
	{name: "memcached", port: 11211, critical: true, identify: identifyMemcached},
	{name: "elasticsearch", port: 9200, critical: true, identify: httpMarker("/", "You Know, for Search", `"cluster_name"`)},
	{name: "rabbitmq", port: 5672, identify: identifyAMQP},
	{name: "rabbitmq-management", port: 15672, identify: httpMarker("/", "RabbitMQ Management")},
	{name: "docker", port: 2375, critical: true, identify: httpMarker("/version", `"ApiVersion"`)},
	{name: "flower", port: 5555, identify: httpMarker("/", "Flower")},
	{name: "prometheus", port: 9090, identify: httpMarker("/-/healthy", "Prometheus")},
	{name: "alertmanager", port: 9093, identify: httpMarker("/-/healthy", "OK")},
	{name: "django-runserver", port: 8000, identify: identifyRunserver},
}

// ServiceNames lists the services --services looks for.
func ServiceNames() []string {
	out := make([]string, len(services))
	for i, s := range services {
		out[i] = s.name
	}
	return out
}

// IsService reports whether name is one of ServiceNames.
func IsService(name string) bool {
	for _, s := range services {
		if s.name == name {
			return true
		}
	}
	return false
}

// openService is one service port that accepted a connection.
type openService struct {
	svc        service
	addr       string
	identified bool
	detail     string // what the answer said (version, "no authentication")
	noAuth     bool   // a data store answered a command without credentials
}

// Services connects to each service port of the host once.
func (s *Site) Services() []openService {
	return s.once("services", func() any {
		var mu sync.Mutex
		var out []openService
		var wg sync.WaitGroup
		for _, svc := range services {
			if p, ok := s.opts.ServicePorts[svc.name]; ok {
				svc.port = p
			}
			if svc.port <= 0 {
				continue
			}
			addr := net.JoinHostPort(s.host, strconv.Itoa(svc.port))
			if addr == s.HostPort() {
				continue // the site itself
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if o, ok := s.checkService(svc, addr); ok {
					mu.Lock()
					out = append(out, o)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		sort.Slice(out, func(i, j int) bool { return out[i].svc.port < out[j].svc.port })
		return out
	}).([]openService)
}

func (s *Site) checkService(svc service, addr string) (openService, bool) {
	ctx, cancel := context.WithTimeout(s.ctx, s.opts.Timeout)
	defer cancel()
	if err := s.client.acquire(ctx); err != nil {
		return openService{}, false
	}
	defer s.client.release()
	// A connect timeout shorter than the request timeout: filtered ports
	// would otherwise make --services slow.
	conn, err := (&net.Dialer{Timeout: min(s.opts.Timeout, 3*time.Second)}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return openService{}, false
	}
	conn.Close()
	o := openService{svc: svc, addr: addr}
	switch svc.name {
	case "redis":
		o.identified, o.noAuth, o.detail = checkRedis(ctx, addr)
	case "mongodb":
		o.identified, o.noAuth, o.detail = checkMongo(ctx, addr)
	default:
		o.detail, o.identified = svc.identify(ctx, addr, s)
	}
	return o, true
}

// checkRedis asks PING, then INFO server for the version. NOAUTH means a
// password is required.
func checkRedis(ctx context.Context, addr string) (identified, noAuth bool, detail string) {
	rdb := redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 3 * time.Second, ReadTimeout: 3 * time.Second, MaxRetries: -1, Protocol: 2, DisableIdentity: true})
	defer rdb.Close()
	err := rdb.Ping(ctx).Err()
	switch {
	case err == nil:
		info, _ := rdb.Info(ctx, "server").Result()
		v := ""
		for _, l := range strings.Split(info, "\n") {
			if strings.HasPrefix(l, "redis_version:") {
				v = strings.TrimSpace(strings.TrimPrefix(l, "redis_version:"))
			}
		}
		return true, true, "Redis " + v
	case strings.Contains(err.Error(), "NOAUTH") || strings.Contains(err.Error(), "WRONGPASS") || strings.Contains(err.Error(), "DENIED"):
		return true, false, "Redis (password required)"
	}
	return false, false, ""
}

// checkMongo lists databases without credentials, as the official driver.
func checkMongo(ctx context.Context, addr string) (identified, noAuth bool, detail string) {
	opts := options.Client().ApplyURI("mongodb://" + addr + "/?directConnection=true").
		SetServerSelectionTimeout(3 * time.Second).SetConnectTimeout(3 * time.Second).SetTimeout(5 * time.Second)
	client, err := mongo.Connect(opts)
	if err != nil {
		return false, false, ""
	}
	defer client.Disconnect(context.Background())
	names, err := client.ListDatabaseNames(ctx, map[string]any{})
	if err == nil {
		return true, true, fmt.Sprintf("MongoDB protocol, %d databases listed without credentials", len(names))
	}
	if strings.Contains(err.Error(), "auth") || strings.Contains(err.Error(), "Unauthorized") {
		return true, false, "MongoDB (authentication required)"
	}
	return false, false, ""
}

func exchange(ctx context.Context, addr string, send []byte, n int) []byte {
	conn, err := (&net.Dialer{Timeout: 3 * time.Second}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(3 * time.Second))
	if len(send) > 0 {
		if _, err := conn.Write(send); err != nil {
			return nil
		}
	}
	buf := make([]byte, n)
	k, _ := io.ReadAtLeast(conn, buf, 1)
	return buf[:k]
}

// identifyPostgres sends an SSLRequest: a PostgreSQL server answers one
// byte, S or N.
func identifyPostgres(ctx context.Context, addr string, _ *Site) (string, bool) {
	b := exchange(ctx, addr, []byte{0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f}, 1)
	return "PostgreSQL", len(b) == 1 && (b[0] == 'S' || b[0] == 'N')
}

// identifyMySQL reads the server greeting: protocol 10 and a version.
func identifyMySQL(ctx context.Context, addr string, _ *Site) (string, bool) {
	b := exchange(ctx, addr, nil, 128)
	if len(b) > 6 && b[4] == 10 {
		v := b[5:]
		if i := bytes.IndexByte(v, 0); i > 0 {
			return "MySQL " + string(v[:i]), true
		}
	}
	return "MySQL", false
}

func identifyMemcached(ctx context.Context, addr string, _ *Site) (string, bool) {
	b := exchange(ctx, addr, []byte("version\r\n"), 64)
	if bytes.HasPrefix(b, []byte("VERSION ")) {
		return "Memcached " + strings.TrimSpace(string(b[8:])), true
	}
	return "Memcached", false
}

func identifyAMQP(ctx context.Context, addr string, _ *Site) (string, bool) {
	b := exchange(ctx, addr, []byte("AMQP\x00\x00\x09\x01"), 64)
	return "AMQP (RabbitMQ)", len(b) > 0 && (bytes.HasPrefix(b, []byte("AMQP")) || b[0] == 1)
}

// httpMarker identifies an HTTP service by a string in its answer.
func httpMarker(path string, markers ...string) func(context.Context, string, *Site) (string, bool) {
	return func(ctx context.Context, addr string, s *Site) (string, bool) {
		b := exchange(ctx, addr, []byte("GET "+path+" HTTP/1.0\r\nHost: "+addr+"\r\nUser-Agent: "+s.opts.UserAgent+"\r\n\r\n"), 16<<10)
		for _, m := range markers {
			if bytes.Contains(b, []byte(m)) {
				return "", true
			}
		}
		return "", false
	}
}

// identifyRunserver recognizes Django's development server by its Server
// header (WSGIServer/x CPython/y).
func identifyRunserver(ctx context.Context, addr string, s *Site) (string, bool) {
	b := exchange(ctx, addr, []byte("HEAD / HTTP/1.0\r\nHost: localhost\r\nUser-Agent: "+s.opts.UserAgent+"\r\n\r\n"), 4<<10)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(strings.ToLower(l), "server:") && strings.Contains(l, "WSGIServer") {
			return strings.TrimSpace(l[7:]), true
		}
	}
	return "", false
}
