const API_SECRET = "jvvmpjuncg1hLXtX0UNAiWlkcQQ7y7dkarkzKcp7"; // want "secret assigned to API_SECRET"
const config = { accessToken: "mEovNCibS5ulR5ZEWkkvPhWls55p3BFs5tL6" }; // want "secret assigned to accessToken"
const token = localStorage.getItem("token"); // safe: an expression
const passwordField = document.querySelector("input[type=password]"); // safe: an expression
const csrfToken = getCookie("csrftoken"); // safe: an expression
