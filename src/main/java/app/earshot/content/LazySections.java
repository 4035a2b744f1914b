package app.earshot.content;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Supplier;

/**
 * A page's sections, made (HTML, blocks) the first time anything reads one: the page was fully checked when it was
 * loaded, so this only defers work, never a problem. How many there are is known without making them.
 */
final class LazySections extends AbstractList<Section> implements RandomAccess {
    private final int size;
    private Supplier<List<Section>> make; // dropped once made, with the page source it holds
    private volatile List<Section> sections;

    LazySections(int size, Supplier<List<Section>> make) {
        this.size = size;
        this.make = make;
    }

    private List<Section> sections() {
        List<Section> s = sections;
        if (s != null) return s;
        synchronized (this) {
            if (sections == null) {
                List<Section> made = List.copyOf(make.get());
                if (made.size() != size) throw new IllegalStateException("expected " + size + " sections, made " + made.size());
                sections = made;
                make = null;
            }
            return sections;
        }
    }

    /** True once the sections have been made (for tests). */
    boolean made() {
        return sections != null;
    }

    @Override
    public Section get(int index) {
        return sections().get(index);
    }

    @Override
    public int size() {
        return size;
    }
}
