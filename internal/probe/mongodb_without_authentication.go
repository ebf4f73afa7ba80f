package probe

// MongoNoAuth finds MongoDB answering without authentication.
var MongoNoAuth = noAuthRule("DJL602", "mongodb-without-authentication", "mongodb", "MongoDB",
	"MongoDB is reachable and answers without authentication",
	"net:\n  bindIp: 0.0.0.0\n# security.authorization not set",
	"net:\n  bindIp: 127.0.0.1\nsecurity:\n  authorization: enabled",
	"Enable authorization (security.authorization: enabled), create users with least privilege, and bind MongoDB to a private address.",
	"https://www.mongodb.com/docs/manual/administration/security-checklist/")
