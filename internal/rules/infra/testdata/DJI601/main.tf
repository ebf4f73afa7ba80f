variable "office_cidr" {
  default = "203.0.113.0/24"
}

resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # safe: HTTPS is meant to be public
  }

  ingress {
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"] # want "lets 0.0.0.0/0 reach 22 .SSH.*bastion"
    ipv6_cidr_blocks = ["::/0"]      # want "::/0 reach 22"
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = [var.office_cidr] # safe: a variable djsec cannot know
  }
}

resource "aws_security_group_rule" "db" {
  type        = "ingress"
  from_port   = 5432
  to_port     = 5432
  protocol    = "tcp"
  cidr_blocks = ["0.0.0.0/0"] # want "5432 .PostgreSQL."
}

resource "aws_vpc_security_group_ingress_rule" "all" {
  ip_protocol = "-1"
  cidr_ipv4   = "0.0.0.0/0" # want "every port"
}

resource "aws_vpc_security_group_ingress_rule" "private" {
  ip_protocol = "tcp"
  from_port   = 6379
  to_port     = 6379
  cidr_ipv4   = "10.0.0.0/16" # safe: a private range
}

resource "google_compute_firewall" "ssh" {
  name          = "allow-ssh"
  network       = "default"
  source_ranges = ["0.0.0.0/0"] # want "22 .SSH."
  allow {
    protocol = "tcp"
    ports    = ["22", "80"]
  }
}

resource "azurerm_network_security_rule" "rdp" {
  direction                  = "Inbound"
  access                     = "Allow"
  destination_port_range     = "3389"
  source_address_prefix      = "*" # want "3389 .RDP."
}
