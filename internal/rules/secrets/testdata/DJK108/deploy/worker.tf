locals {
  env = {
    AIRFLOW__API_AUTH__JWT_SECRET = var.AIRFLOW__API_AUTH__JWT_SECRET # safe: a Terraform variable
    JWT_SECRET                    = module.secrets.jwt_secret # safe: another module's output
    API_JWT_SECRET                = "Qm8vXr2LkT9pWz4NcY7hBd3Jf6Gs1Ea5" # want "JWT signing key"
  }
}
