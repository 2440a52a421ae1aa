package org.lossforge.services.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.lossforge.schemas.TopicSpec;
import org.lossforge.schemas.Topics;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native service must register for reflection, derived on the JVM (no native build runs here,
 * services/IMAGES.md), for each native service's {@code NativeRegistrationsTest}: every Avro named type of
 * {@link Topics#ALL}, every class its application.properties names (serializers, deserializers, handlers), every JSON
 * type of its REST API (what resource methods take and return, records declared in resource classes, their
 * components); and what its {@code NativeRegistrations} class lists.
 */
public final class NativeRegistrationsCheck {

    private final Class<?> registrations;

    /** @param registrations the service's class annotated with {@code @RegisterForReflection(targets = ...)} */
    public NativeRegistrationsCheck(Class<?> registrations) {
        this.registrations = registrations;
    }

    /** The classes the service registers, by name. */
    public Set<String> registered() {
        return Arrays.stream(registrations.getAnnotation(RegisterForReflection.class).targets())
                .map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Of {@code required}, those not registered. */
    public Set<String> missing(Set<String> required) {
        Set<String> m = new TreeSet<>(required);
        m.removeAll(registered());
        return m;
    }

    /** Every RECORD, ENUM and FIXED reachable from the topics' value schemas, as its generated class. */
    public static Set<String> avroTypes() {
        Set<String> out = new TreeSet<>();
        for (TopicSpec t : Topics.ALL) {
            collect(t.valueSchema(), out);
        }
        return out;
    }

    private static void collect(Schema s, Set<String> out) {
        switch (s.getType()) {
            case RECORD -> {
                if (out.add(SpecificData.get().getClass(s).getName())) {
                    s.getFields().forEach(f -> collect(f.schema(), out));
                }
            }
            case ENUM, FIXED -> out.add(SpecificData.get().getClass(s).getName());
            case UNION -> s.getTypes().forEach(u -> collect(u, out));
            case ARRAY -> collect(s.getElementType(), out);
            case MAP -> collect(s.getValueType(), out);
            default -> { }
        }
    }

    /** Values of *.serializer, *.deserializer and *.handler keys in the service's application.properties (any profile). */
    public Set<String> classesNamedInConfig() {
        Properties p = new Properties();
        try (InputStream in = registrations.getResourceAsStream("/application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".serializer") || k.endsWith(".deserializer") || k.endsWith(".handler"))
                .map(k -> p.getProperty(k).trim())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Of the classes the configuration names, ours (Quarkus' Kafka extension registers Kafka's own serializers). */
    public Set<String> ourClassesNamedInConfig() {
        Set<String> named = classesNamedInConfig();
        named.forEach(this::load);   // each exists
        return named.stream().filter(n -> !n.startsWith("org.apache.kafka.common.serialization."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** JSON types of the REST API: records reachable from the resource methods and records declared in resources. */
    public Set<String> restTypes() {
        Path classes;
        try {
            classes = Path.of(registrations.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Set<String> out = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = load(name);
                if (!c.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    continue;
                }
                for (Class<?> nested : c.getDeclaredClasses()) {
                    addType(nested, out);
                }
                for (Method m : c.getDeclaredMethods()) {
                    if (Arrays.stream(m.getAnnotations()).anyMatch(a -> a.annotationType()
                            .isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))) {
                        addType(m.getGenericReturnType(), out);
                        Arrays.stream(m.getGenericParameterTypes()).forEach(t -> addType(t, out));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void addType(Type t, Set<String> out) {
        if (t instanceof ParameterizedType p) {
            addType(p.getRawType(), out);
            Arrays.stream(p.getActualTypeArguments()).forEach(a -> addType(a, out));
        } else if (t instanceof Class<?> c && c.isRecord() && c.getName().startsWith("org.lossforge.")
                && out.add(c.getName())) {
            for (RecordComponent rc : c.getRecordComponents()) {
                addType(rc.getGenericType(), out);
            }
        }
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, registrations.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is named but does not exist", e);
        }
    }
}
