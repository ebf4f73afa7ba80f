const MQ = "amqps://frontend:xUa#Q0MYHxTFcWPi@mq.example.net/shop"; // want "AMQP password"
const DOC = "https://user:pass@example.com/"; // safe: placeholder credentials
