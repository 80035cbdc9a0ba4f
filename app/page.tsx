export default function Overview() {
  return <main className="p-6">Signalboard</main>;
}
