/**
 * A Storefront API answer for one product, shaped as the product query buybutton.js sends. The
 * bench has no network, so it answers that query itself, instantly: Shopify's figure then counts
 * its script's own work to a rendered button, without any API round trip — a lower bound.
 * The SDK rejects any key its query did not select, so only `node` carries a __typename.
 */
const money = (amount) => ({ amount, currencyCode: 'USD' });

export function shopifyProductResponse() {
  const variant = {
    id: 'gid://shopify/ProductVariant/11',
    title: 'Default Title',
    price: money('45.0'),
    priceV2: money('45.0'),
    weight: 0.5,
    available: true,
    sku: 'HOODIE-1',
    compareAtPrice: null,
    compareAtPriceV2: null,
    image: null,
    selectedOptions: [{ name: 'Title', value: 'Default Title' }],
    unitPrice: null,
    unitPriceMeasurement: null,
  };
  return {
    data: {
      node: {
        __typename: 'Product',
        id: 'gid://shopify/Product/1',
        availableForSale: true,
        createdAt: '2026-11-01T00:00:00Z',
        updatedAt: '2026-11-01T00:00:00Z',
        descriptionHtml: '<p>Heavyweight cotton, 50 pieces.</p>',
        description: 'Heavyweight cotton, 50 pieces.',
        handle: 'tour-hoodie',
        productType: 'Hoodie',
        title: 'Tour hoodie — limited drop',
        vendor: 'dropkit bench',
        publishedAt: '2026-11-01T00:00:00Z',
        onlineStoreUrl: null,
        options: [{ id: 'gid://shopify/ProductOption/1', name: 'Title', values: ['Default Title'] }],
        images: { pageInfo: { hasNextPage: false, hasPreviousPage: false }, edges: [] },
        variants: {
          pageInfo: { hasNextPage: false, hasPreviousPage: false },
          edges: [{ cursor: 'c1', node: variant }],
        },
      },
    },
  };
}
