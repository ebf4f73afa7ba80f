const API_SECRET = "ScJuG2TfVORol4arT9Dzh4j3gdrHHZbTS01ksbOQ"; // want "secret assigned to API_SECRET"
const config = { accessToken: "sITjqEoMnW3E47fge3D6EjrDIPP2rpZHscs1" }; // want "secret assigned to accessToken"
const token = localStorage.getItem("token"); // safe: an expression
const passwordField = document.querySelector("input[type=password]"); // safe: an expression
const csrfToken = getCookie("csrftoken"); // safe: an expression
