// English words for the names of the open conferences of tenants that are not
// German: everyday things, animals, plants and places, 3 to 8 lowercase
// letters, no names, nothing unkind, no two that sound alike.
// Written for Vereinsraum. Append or remove words freely: the entropy test
// computes the names' strength from the list as it is.

/** English words for the names of open conferences of tenants that are not German. */
export const ENGLISH_WORDS: readonly string[] = `
abacus acorn actor adult advice agate agent alarm album alcove alley almond alpaca amber anchor angle ankle
answer antler anvil aorta apple apricot apron arch arena armor arrow artist ash aspen atlas attic august
autumn aviary avocado award axis azalea baby bacon badge badger bagel bagpipe bake baker bakery balcony ballad
ballet balloon bamboo banana band banjo bank banner barley barn barrel basil basket bass baton bayou beach
beacon bead beagle beak beam bean bear beard beaver bed bee beech beetle bell bellows belt bench beret berry
bicycle bike birch bird biscuit bison blade blanket blaze blimp blossom blue bluebird board boat bobcat body
bolt bongo bonnet bonsai book boot bottle boulder bow bowl box bracket bramble branch brass bread breeze brick
bridge brook broom brush bubble bucket buckle bud buffalo buggy bugle bulb bundle bunny burrow bus bush butter
button buzzard cabana cabin cable cactus caddie cake calf calico camel camera camp camper canal canary candle
candy cane canoe canvas canyon cap cape capsule captain caramel caravan card cardinal cargo carob carpet
carrot cart cashew castle cat catfish cattle cave cavern cedar celery cellar cello chair chalet chalk chamois
chapel cheese cheetah cherry chess chest chestnut chick chimney chin chip choir chorus cider cinder cinema
circle circus city clam clarinet clay cliff cloak clock cloud clover clown coach coast coat cobalt cobble
cockle cocoa coconut coffee coin comb comet compass condor cone cookie copper coral cord cork corn corral
cosmos cottage cotton couch cousin cow cowbell coyote crab cradle crane crater crayon cream creek crest
cricket crocus crown crumpet crystal cube cup cupcake curry curtain cushion cycle cypress dahlia daisy dance
dawn deer delta denim desert desk dew diamond diary dinghy dingo dinner dish dock doctor dog doll dolphin
domino donkey door dove dragon drawer dream dress drizzle drum duck dugout dune dust dynamo eagle earth easel
echo eel egg egret elbow elder elephant elixir elk elm ember emerald emu encore engine eraser fable falafel
falcon farm fawn feast feather felt fence fennel fern ferret ferry fiddle field fiesta fig finch fire fish
fjord flag flame flannel flask fleet flint flipper flock floor flower flute foam fog fondue forest forge fork
fossil fountain fox frame fresco friend frog frost fruit fudge gable galaxy galleon gander garden garlic
garnet gate gazebo gazelle gecko gem geyser giant gift ginger ginseng giraffe glacier glade glass glider globe
glove gnome goat goblet gold gondola goose gopher gorilla gourd grain granite grape grass gravel gravy griffin
grotto guava guitar gull gumdrop hammer hammock hamster harbor harp harvest hat haven hawk hazel hazelnut
heart heather hedge hedgehog helmet hen herb heron hickory hiker hill hippo hive holly honey hood hoof hook
horizon horn hornet horse hotel hound house hummus husky hyacinth ibis iceberg icicle igloo iguana inlet iris
island ivory ivy jackal jacket jade jaguar jam jar jasmine jeans jelly jetty jewel jigsaw jockey juice jungle
juniper kayak kazoo kernel kestrel kettle key kilt kimono kingdom kiosk kipper kitchen kite kitten kiwi knee
knot koala label ladder ladle lagoon lake lamb lamp lantern laptop lapwing larch lark lasso latte laurel lava
lawn leaf lemon lemur lens letter lettuce library light lilac lily lime limpet linen linnet lion lizard llama
lobster locket lodge log loom lotus lunch lupin lynx macaw magnet magpie mallard mammoth manatee mandolin
mango manor mantis map maple marble marigold market marlin marsh marten meadow meerkat melody melon meringue
merlin mermaid meteor mill minnow mint mirror mitten mocha mole monkey monsoon moon moose mosaic moss moth
motor mountain mouse muffin mug mulberry mural museum music mussel mustard nail napkin narwhal nectar needle
nest net nickel noodle north notebook nut nutmeg oak oar oasis oatmeal ocean ocelot octopus olive omelet onion
opal orange orbit orca orchard orchid oriole osprey ostrich otter outpost oven owl oyster paddle page paint
paisley palace palm pancake panda papaya paper paprika parade parcel park parrot parsley parsnip pasta pastry
path peach peacock peak pear pearl pebble pecan pedal pelican pen pencil penguin peony pepper petal pewter
pheasant piano piccolo pickle picnic pie pier pigeon pilgrim pillow pilot pine pinecone pinwheel pixel pizza
planet plant plate plaza plover plum pocket poem poet polka pollen poncho pond pony poodle popcorn poppy porch
portal possum potato potter pottery powder prairie pretzel primrose prism prune pudding puddle puffin puma
pumpkin puppet puppy purple puzzle quail quarry quartz queen quiche quill quilt quince quokka rabbit raccoon
radar radiant radio radish raft ragtime rain rainbow raisin rambler ranch rapids raven ravine redwood reef
reindeer relish rhubarb ribbon rice ripple river riverbed road robin robot rock rocket roof rooster root rope
rose rosebud rowboat ruby rug saffron sage sail salad salmon salsa salt sand sandal sapphire sardine satchel
saucer scallop scarf school schooner scooter seal season seed sequoia sesame shadow shamrock shark sheep shelf
shell sherbet shore shovel shuttle sierra silver singer sketch skylark sled sleigh slipper sloth snail snapper
snow soap sock sofa soil song sonnet sorbet sparrow spider spinach spindle sponge spoon spring spruce squash
squid squirrel stable stag stamp star starfish statue steam stone stool stork storm stove straw stream street
sugar suit summer sun sundial swallow swan sweater swing sycamore table tablet tadpole tail tamarind tambour
tandem tapir tartan tea teacup teapot tent terrier thicket thimble thistle thrush thunder thyme ticket tiger
toast tomato tooth topaz torch tortoise toucan tower toy tractor trail train tree trellis trinket trolley
trout truck truffle trumpet tuba tulip tundra tunnel turbine turkey turnip turtle tweed twig umber umbrella
unicorn urchin valley vanilla vase velvet viking vineyard viola violet violin volcano wafer waffle wagon
wallet walnut walrus wand warbler wasabi water wave weasel wetland whale wharf wheat wheel whistle wigwam
wildcat willow windmill window wing winter wizard wolf wombat wood woodland wool wren yacht yard yarn yodel
yogurt yucca zebra zephyr zinnia zipper
`
  .trim()
  .split(/\s+/);
