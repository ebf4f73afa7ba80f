const token = jwt.sign({ id: user.id }, "Y7Yj60tNDxzP"); // want "JWT signing key .* short or guessable"
const ok = jwt.sign({ id: user.id }, process.env.JWT_SECRET); // safe: from the environment
const unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhbm9ueW1vdXMtdXNlci0xIn0.AAAAAAAAAAAAAAAAAAAAAAAA"; // safe: alg none is not a credential
