const stripe = Stripe("pk_live_HUokFFzvzWpsi9CmMr0lQzXI"); // safe: publishable key
const secret = "sk_live_07n1bNGcxMtb2d2lwzBDSQZF"; // want "Stripe secret key"
