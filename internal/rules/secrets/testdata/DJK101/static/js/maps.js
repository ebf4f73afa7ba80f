const MAPS_KEY = "AIza3tkOBvuO2LhkTU9xZrPKyw7zsJXSAs655mG"; // want "Google API key"
const KEY_FROM_ENV = process.env.GOOGLE_MAPS_KEY; // safe: from the environment
const fontAwesome = "AIza-like-but-too-short"; // safe: too short for a key
