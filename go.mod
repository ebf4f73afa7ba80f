module github.com/djsec/djsec

go 1.26
