const MQ = "amqps://frontend:SQu!1kRQrS^5hRTQ@mq.example.net/shop"; // want "AMQP password"
const DOC = "https://user:pass@example.com/"; // safe: placeholder credentials
