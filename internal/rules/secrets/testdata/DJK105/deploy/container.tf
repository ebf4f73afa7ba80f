resource "scaleway_container" "web" {
  secret_environment_variables = {
    SECRET_KEY = var.SECRET_KEY # safe: a Terraform variable, kept in the state's secrets
    DJANGO_SECRET_KEY = "q9!x2v#k7@m4r$w8z%p1t^y6u&j3n*b5c(h0)g-e=f+s_d" # want "Django secret key"
  }
}
