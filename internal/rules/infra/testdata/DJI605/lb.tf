resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward" # want "forwards plain HTTP"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "redirect" {
  port     = 80
  protocol = "HTTP"
  default_action {
    type = "redirect" # safe
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  port       = 443
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-2016-08" # want "allows TLS 1.0 and 1.1"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "modern" {
  port       = 443
  protocol   = "HTTPS"
  ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" # safe
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb_listener" "nopolicy" { # want "sets no ssl_policy"
  port     = 443
  protocol = "HTTPS"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}

resource "aws_lb" "jobs" {
  name               = "jobs-dashboard"
  load_balancer_type = "application"
  internal           = true
}

resource "aws_lb_listener" "jobs_http" {
  load_balancer_arn = aws_lb.jobs.arn
  port              = "80"
  protocol          = "HTTP"
  default_action {
    type             = "forward" # want "on an internal load balancer, which only its own network reaches"
    target_group_arn = aws_lb_target_group.jobs.arn
  }
}

resource "aws_lb" "public_site" {
  name     = "site"
  internal = false
}

resource "aws_lb_listener" "public_http" {
  load_balancer_arn = aws_lb.public_site.arn
  port              = "80"
  protocol          = "HTTP"
  default_action {
    type             = "forward" # want "aws_lb_listener.public_http forwards plain HTTP to the application instead of redirecting to HTTPS"
    target_group_arn = aws_lb_target_group.site.arn
  }
}
