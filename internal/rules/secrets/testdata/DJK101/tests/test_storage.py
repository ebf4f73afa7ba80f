KEY = "AKIA6YMY7W7HR5UGUWVH"  # want "AWS access key ID .* test or documentation"
DOCS = "AKIAIOSFODNN7EXAMPLE"  # safe: documentation key
