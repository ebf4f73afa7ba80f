const API_SECRET = "Q4IglwUSDVuk1o1cBCve3W9fQaSifGCzGS1g0WRk"; // want "secret assigned to API_SECRET"
const config = { accessToken: "WApybmUjRMbaBjpWlWsgiufbEHAIyNxXRuK5" }; // want "secret assigned to accessToken"
const token = localStorage.getItem("token"); // safe: an expression
const passwordField = document.querySelector("input[type=password]"); // safe: an expression
const csrfToken = getCookie("csrftoken"); // safe: an expression
