resource "aws_db_instance" "shop" { # want "does not set storage_encrypted"
  engine = "postgres"
}

resource "aws_rds_cluster" "aurora" {
  engine            = "aurora-postgresql"
  storage_encrypted = false # want "sets storage_encrypted = false"
}

resource "aws_db_instance" "encrypted" {
  engine            = "postgres"
  storage_encrypted = true # safe
}

resource "aws_db_instance" "replica" { # safe: a replica inherits the source's encryption
  replicate_source_db = aws_db_instance.encrypted.identifier
}
