const MQ = "amqps://frontend:5hRTQ!p8u7TPHAe2@mq.example.net/shop"; // want "AMQP password"
const DOC = "https://user:pass@example.com/"; // safe: placeholder credentials
