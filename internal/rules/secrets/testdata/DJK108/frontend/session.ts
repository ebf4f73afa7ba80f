// Tokens the development server signs in with: each names an account of a
// domain reserved for examples, so the finding is low.
const DEV_USER_TOKENS = {
  editor: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjo0MTAyNDQ0ODAwLCJlbWFpbCI6ImVkaXRvckBleGFtcGxlLmNvbSIsInVzZXJuYW1lIjoiZWRpdG9yIn0.Qm9yZWRBbmRTaWduZWRCeURldktleTEyMw', // want "issued to editor@example.com, an account of a domain reserved for examples"
};

// A token of a real customer's account: anyone holding it is that user.
const SUPPORT_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjo0MTAyNDQ0ODAwLCJlbWFpbCI6Im1hcmlhLmxvcGV6QHNob3AtcGFydG5lci5ldSIsInVzZXJuYW1lIjoibWxvcGV6In0.Tm90QURlbW9Ub2tlbkJ1dEFSZWFsT25lNDU2'; // want "signed JWT .* anyone who can read this file can use it"
