const stripe = Stripe("pk_live_jfP7DFGGx4X6gYlhecf7RBBR"); // safe: publishable key
const secret = "sk_live_EdwOw6Ncbx8Kr8GoQObFkspd"; // want "Stripe secret key"
