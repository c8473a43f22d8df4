// Khối lượng công việc, tuổi hàng đợi, gợi ý điều chuyển. Placeholder until its owner (W2) writes the page.
export default function Workload() {
  return null;
}
