import com.sun.tools.attach.VirtualMachine;

/**
 * Loads async-profiler into a running JVM with a command (start, stop, dump...), as its own asprof
 * launcher does: {@code java AsyncProfilerAttach.java PID LIBRARY COMMAND}. jcmd's JVMTI.agent_load
 * cannot be used: it cuts the agent's options at the first comma.
 */
public class AsyncProfilerAttach {
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
