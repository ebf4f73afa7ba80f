const stripe = Stripe("pk_live_REdwOw6Ncbx8Kr8GoQObFksp"); // safe: publishable key
const secret = "sk_live_dbO6O8Pm8De7emwHGcU4GMXI"; // want "Stripe secret key"
