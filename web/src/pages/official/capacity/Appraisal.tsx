// Số liệu đánh giá, xếp loại theo Nghị định 335/2025. Placeholder until its owner (W2) writes the page.
export default function Appraisal() {
  return null;
}
