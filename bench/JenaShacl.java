// Apache Jena SHACL (Debian's libapache-jena-java) over the same graphs as bench/shacl_engines.py:
// reads the shapes, the reference graph and each data graph (N-Triples files), then validates each
// data graph joined with the reference graph, ROUNDS times. Prints the process CPU seconds of each
// round ("cpu\t<seconds>") and, from the last round, one line per result:
// "result\t<data index>\t<focus>\t<path>\t<root shape>\t<severity>\t<component>\t<value>\t<message>".
//
//   javac -cp '/usr/share/java/*' -d OUT bench/JenaShacl.java
//   java -cp 'OUT:/usr/share/java/*' JenaShacl SHAPES.ttl REFERENCE.nt ROUNDS DATA.nt...

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.vocabulary.SHACL;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.FmtUtils;

public class JenaShacl {
    public static void main(String[] args) {
        Graph shapesGraph = RDFDataMgr.loadGraph(args[0]);
        Shapes shapes = Shapes.parse(shapesGraph);
        Graph reference = RDFDataMgr.loadGraph(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<Graph> documents = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            documents.add(RDFDataMgr.loadGraph(args[i]));
        }
        com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<ValidationReport> reports = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            reports.clear();
            long start = os.getProcessCpuTime();
            for (Graph document : documents) {
                Graph data = GraphFactory.createDefaultGraph();
                reference.find().forEachRemaining(data::add);
                document.find().forEachRemaining(data::add);
                reports.add(ShaclValidator.get().validate(shapes, data));
            }
            System.out.println("cpu\t" + (os.getProcessCpuTime() - start) / 1e9);
        }
        for (int i = 0; i < reports.size(); i++) {
            for (ReportEntry entry : reports.get(i).getEntries()) {
                Node shape = entry.source();
                Node root = shape;
                while (root.isBlank()) {  // a property shape: the node shape that holds it
                    var owners = shapesGraph.find(Node.ANY, SHACL.property, root);
                    if (!owners.hasNext()) {
                        break;
                    }
                    root = owners.next().getSubject();
                }
                String value = entry.value() == null ? "" : FmtUtils.stringForNode(entry.value());
                String path = entry.resultPath() == null ? "" : entry.resultPath().toString();
                System.out.println(String.join("\t", "result", Integer.toString(i),
                    FmtUtils.stringForNode(entry.focusNode()), path, root.toString(),
                    entry.severity().level().getLocalName(), entry.sourceConstraintComponent().getLocalName(),
                    value, entry.message().replace("\n", " ").replace("\t", " ")));
            }
        }
    }
}
