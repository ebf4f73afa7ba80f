resource "aws_subnet" "web" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}

resource "aws_db_subnet_group" "shop" {
  subnet_ids = [aws_subnet.web.id, aws_subnet.data.id] # want "places the database in public subnets .aws_subnet.web.id."
}

resource "aws_db_subnet_group" "private" {
  subnet_ids = [aws_subnet.data.id] # safe: a private subnet
}

resource "aws_elasticache_subnet_group" "cache" {
  name       = "cache"
  subnet_ids = module.vpc.public_subnets # want "module.vpc.public_subnets"
}

resource "aws_db_subnet_group" "modules" {
  subnet_ids = module.vpc.database_subnets # safe: the module's database subnets
}
