const API_SECRET = "pjuncg1hLXtX0UNAiWlkcQQ7y7dkarkzKcp7mEov"; // want "secret assigned to API_SECRET"
const config = { accessToken: "NCibS5ulR5ZEWkkvPhWls55p3BFs5tL6FZvM" }; // want "secret assigned to accessToken"
const token = localStorage.getItem("token"); // safe: an expression
const passwordField = document.querySelector("input[type=password]"); // safe: an expression
const csrfToken = getCookie("csrftoken"); // safe: an expression
