package infra

import (
	"strings"

	"github.com/djsec/djsec/internal/lazyre"
)

// datastoreImage matches images of databases, caches and brokers.
var datastoreImage = lazyre.New(`(?i)(^|/)(postgres|postgresql|postgis|mysql|mariadb|mongo|mongodb|redis|valkey|keydb|memcached|elasticsearch|opensearch|solr|rabbitmq|couchdb|cassandra|neo4j|influxdb|clickhouse|cockroachdb|etcd|zookeeper|kafka)([:@/-]|$)`)

// datastorePorts are the default ports of datastores and of admin consoles.
var datastorePorts = map[string]string{
	"5432": "PostgreSQL", "3306": "MySQL", "27017": "MongoDB", "6379": "Redis", "11211": "memcached",
	"9200": "Elasticsearch", "9300": "Elasticsearch transport", "8983": "Solr", "5672": "RabbitMQ", "15672": "RabbitMQ management", "5984": "CouchDB",
	"9042": "Cassandra", "7687": "Neo4j", "8086": "InfluxDB", "2379": "etcd", "2181": "ZooKeeper", "9092": "Kafka",
}

// allInterfaces reports whether a host address publishes on every
// interface.
func allInterfaces(ip string) bool {
	ip = strings.Trim(ip, "[]")
	return ip == "" || ip == "0.0.0.0" || ip == "::"
}

func trueValue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1", "on":
		return true
	}
	return false
}
