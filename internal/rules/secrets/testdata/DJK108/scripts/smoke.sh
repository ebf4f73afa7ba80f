#!/bin/sh
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0MiIsIm5hbWUiOiJzbW9rZSIsImlhdCI6MTc2NzIyNTYwMH0.DBI6guh1uvG8xc3JFfle-Radkhy9KIhZo1ZwJrX9ljN" https://shop.example.com/api/orders/ # want "signed JWT"
curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c" https://example.com # safe: the jwt.io sample token
