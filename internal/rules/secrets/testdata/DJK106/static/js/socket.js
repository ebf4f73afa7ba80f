const MQ = "amqps://frontend:b-quqC797nD13Wvv@mq.example.net/shop"; // want "AMQP password"
const DOC = "https://user:pass@example.com/"; // safe: placeholder credentials
