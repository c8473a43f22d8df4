// Kế hoạch đào tạo năm. Placeholder until its owner (W1) writes the page.
export default function Plan() {
  return null;
}
