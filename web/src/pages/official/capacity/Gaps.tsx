// Khoảng trống năng lực, bản đồ nhiệt, lĩnh vực rủi ro, tìm người thay thế. Placeholder until its owner (W1) writes the page.
export default function Gaps() {
  return null;
}
