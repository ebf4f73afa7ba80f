resource "aws_db_instance" "shop" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = true # want "publicly accessible"
}

resource "aws_db_instance" "internal" {
  engine              = "postgres"
  storage_encrypted   = true
  publicly_accessible = false # safe
}
