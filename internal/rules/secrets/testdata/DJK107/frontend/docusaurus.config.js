// The documentation site's search: DocSearch gives every page the index's
// search-only key.
module.exports = {
  themeConfig: {
    algolia: {
      appId: "QZ4T7WJ1KD",
      apiKey: "9b2c41e7d05f8a63c1e4b7d29a0f5e38", // want "search-only key assigned to apiKey .* can only search the index"
      indexName: "shop-docs",
    },
  },
  customFields: {
    uploads: {
      bucket: "shop-assets",
      apiKey: "f3a91c07e6d24b58a0c7e19d3b6f2a45", // want "secret assigned to apiKey \"f3a9…\" is hard-coded"
    },
  },
};
